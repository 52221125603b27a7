import { Global, Module } from '@nestjs/common';
import { POLICIES } from '../../config/policies.js';
import { Visibility } from './visibility.js';

/** The one Visibility (every type's policy), installed into the GraphQL schema and used by CSV downloads. */
@Global()
@Module({
  providers: [{ provide: Visibility, useFactory: () => new Visibility(POLICIES) }],
  exports: [Visibility],
})
export class VisibilityModule {}
