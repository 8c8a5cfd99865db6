export * from './anvil.js';
