export { OAuth2TokenSource, OAuth2TokenRefused, checkTokenUrl, type OAuth2ClientSettings, type RefreshTokenKeeper } from './oauth2-token-source.js';
