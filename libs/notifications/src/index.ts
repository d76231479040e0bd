export * from './templates/notification-site.js';
export * from './templates/notification-links.js';
export * from './templates/customer-progress.js';
export * from './templates/render-customer-progress.js';
export * from './templates/agent-notice.js';
export * from './templates/render-agent-notice.js';
export * from './templates/message-copy.js';
export * from './templates/sms-text.js';
