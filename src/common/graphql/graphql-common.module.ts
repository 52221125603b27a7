import { Module } from '@nestjs/common';
import { DateTimeScalar, LocalDateScalar, LocalTimeScalar } from './scalars.js';

/** The custom scalars (DateTime, LocalDate, LocalTime). */
@Module({ providers: [DateTimeScalar, LocalDateScalar, LocalTimeScalar] })
export class GraphqlCommonModule {}
