export { OAuth2TokenSource, OAuth2TokenRefused, checkTokenUrl, type OAuth2ClientSettings } from './oauth2-token-source.js';
