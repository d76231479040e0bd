/** Vite bundles imported stylesheets; to TypeScript they are side-effect imports. */
declare module '*.css';
