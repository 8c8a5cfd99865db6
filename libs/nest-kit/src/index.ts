export * from './rpc-reply.js';
export * from './rpc-reply.interceptor.js';
export * from './rpc-client.js';
export * from './validation.js';
export * from './health.js';
export * from './http-exception.filter.js';
