/** The three axes of the programme, one reflection group each (DOMAIN.md). */
export const AXES = ['schooling', 'parenting', 'health'] as const;
export type Axis = (typeof AXES)[number];
