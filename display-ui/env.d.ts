// Vite's client types for this screen: asset imports (`?url`, `?no-inline`) and import.meta.glob.
/// <reference types="vite/client" />
