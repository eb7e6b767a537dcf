/** The demo's procurement connections: a cXML one for Globex, an OCI one for Initech. */
export const DEMO_PUNCHOUT_SECRET = 'vitrine-demo-punchout';

export const DEMO_PUNCHOUT = [
  { customer: 'globex-manufacturing', systemName: 'Globex SAP Ariba', protocol: 'cxml', identity: 'globex-procurement', buyerEmail: 'punchout@globex.test', buyerName: 'Globex procurement system' },
  { customer: 'initech', systemName: 'Initech SAP SRM', protocol: 'oci', identity: 'initech-oci', buyerEmail: 'punchout@initech.test', buyerName: 'Initech procurement system' },
] as const;

export const DEMO_RETURN_HOSTS = '127.0.0.1, localhost';
