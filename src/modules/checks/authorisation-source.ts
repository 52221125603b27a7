import { Injectable } from '@nestjs/common';
import type { AuthorisationSource } from './rota-facts.loader.js';

/** Until placements and joint roles are wired in, nobody is authorised beyond their employer. */
@Injectable()
export class EmployerOnlyAuthorisation implements AuthorisationSource {
  async placements() {
    return [];
  }

  async appointments() {
    return [];
  }

  async authorisedStaffIds() {
    return [];
  }
}
