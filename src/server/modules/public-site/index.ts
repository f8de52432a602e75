/** The public site (no sign-in): pages, JSON, feed, public evidence, and the lead form. */
export { publicSiteRoutes, PUBLIC_CSP } from './public-site.routes.ts';
