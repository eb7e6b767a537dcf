// The transfer page's form goes back to the procurement system on its own; the button stays for
// browsers that block this script.
const form = document.getElementById('punchout-transfer');
if (form instanceof HTMLFormElement) form.submit();
