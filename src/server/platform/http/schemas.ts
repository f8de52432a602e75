/** Schemas shared by many routes (defined in the contract, which the web shares). */
import { ErrorBody } from '../../../contract/common.ts';

export { ErrorBody, IdParams, Nullable } from '../../../contract/common.ts';

/** Standard error responses documented on every protected route. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
};
