import * as agent from '../../../hardware/node/agent';

export const a = agent;
