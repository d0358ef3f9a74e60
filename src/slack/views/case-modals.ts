// The pathway's forms, one file per form family under case-forms/, behind one import.

export * from './case-forms/case.js';
export { type ActionChoice, caseBlocks } from './case-forms/common.js';
export * from './case-forms/consent.js';
export * from './case-forms/orientation.js';
export * from './case-forms/parcours.js';
