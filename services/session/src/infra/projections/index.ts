import { merchantWalletsProjection } from './merchant-wallets.projection.js';
import { sessionListProjection } from './session-list.projection.js';

export const sessionProjections = [sessionListProjection, merchantWalletsProjection];
