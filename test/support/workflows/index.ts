export * from '../../../workflows';
export * from './timer-probe';
