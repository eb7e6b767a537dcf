// What an audit event was done to, as one text column: `user:<email>`, `org:<slug>`, `token:<id>`.
// People are named by email so the log's person filter finds what was done to them.
export const userSubject = (email: string) => `user:${email.toLowerCase()}`;
export const orgSubject = (slug: string) => `org:${slug}`;
export const tokenSubject = (id: string) => `token:${id}`;
export const listSubject = (id: number) => `list:${id}`;
