/** A credential of the workspace as the template dialog offers it: no field, no secret. */
export interface CredentialChoice {
  id: string;
  name: string;
  type: string;
}
