import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { installPlainResolvers } from './common/graphql/plain-resolvers.js';
import { PLAIN_RESOLVERS } from './config/plain-resolvers.js';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { noSubscriptions } from './common/graphql/no-subscriptions.rule.js';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AuthGuard } from './common/auth/auth.guard.js';
import { AuthModule } from './common/auth/auth.module.js';
import type { TandemRequest } from './common/auth/request-context.js';
import { DatabaseModule } from './common/database/database.module.js';
import { formatGraphQLError } from './common/errors/error-mapping.js';
import { DomainExceptionFilter } from './common/errors/exception.filter.js';
import type { GraphQLContext } from './common/graphql/graphql-context.js';
import { GraphqlCommonModule } from './common/graphql/graphql-common.module.js';
import { queryCostLimit } from './common/graphql/query-cost.js';
import { Loaders } from './common/graphql/loaders.js';
import { Visibility } from './common/visibility/visibility.js';
import { VisibilityModule } from './common/visibility/visibility.module.js';
import { VisibilityScope } from './common/visibility/visibility-scope.js';
import { HealthController } from './common/health/health.controller.js';
import { LandingController } from './common/landing/landing.controller.js';
import { loggingParams } from './common/logging/logging.js';
import { InputValidationPipe } from './common/validation/input-validation.pipe.js';
import { RateLimitCounters } from './common/security/rate-limit-store.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import type { OpenDatabase } from './config/database.js';
import { OrganisationsModule } from './modules/organisations/organisations.module.js';
import { PassportModule } from './modules/passport/passport.module.js';
import { AbsencesModule } from './modules/absences/absences.module.js';
import { ChecksModule } from './modules/checks/checks.module.js';
import { RotasModule } from './modules/rotas/rotas.module.js';
import { JointRolesModule } from './modules/joint-roles/joint-roles.module.js';
import { PlacementsModule } from './modules/placements/placements.module.js';
import { SkillsModule } from './modules/skills/skills.module.js';
import { StaffModule } from './modules/staff/staff.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { installUserFields } from './modules/users/users.resolver.js';
import { ReportsModule } from './modules/reports/reports.module.js';
import { CalendarModule } from './modules/calendar/calendar.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { ImportsModule } from './modules/imports/imports.module.js';
import { SolverModule } from './modules/solver/solver.module.js';
import { JobsModule } from './modules/jobs/jobs.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { MobilityModule } from './modules/mobility/mobility.module.js';

export const GRAPHQL_PATH = '/graphql';

/**
 * graphql-armor's protections, from configuration; field suggestions are hidden in production. Its cost limit
 * is off: it cannot see page sizes or list lengths, so query-cost.ts's limit (multiplying by them) replaces it.
 */
function armour(config: AppConfig) {
  const { plugins, validationRules, allowBatchedHttpRequests } = new ApolloArmor({
    maxDepth: { n: config.graphql.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    costLimit: { enabled: false },
    maxAliases: { n: config.graphql.maxAliases },
    maxDirectives: { n: 30 },
    // Token counting re-parses the document in a plugin, where a syntax error turns into a 500; the 1 MB body
    // limit and the depth, cost and alias limits bound the work a document can cause instead.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: config.env === 'production' },
  }).protect();
  // The armour's typings see Apollo through its CommonJS build: the same plugins, a different type identity.
  return {
    plugins: [
      ...(plugins as unknown as NonNullable<ApolloDriverConfig['plugins']>),
      queryCostLimit(config.graphql.maxCost),
    ],
    validationRules: [...validationRules, noSubscriptions],
    allowBatchedHttpRequests,
  };
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: OpenDatabase): DynamicModule {
    const graphqlLogger = new Logger('GraphQL');
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggingParams(config)),
        DatabaseModule.forRoot(database),
        AuthModule,
        GraphqlCommonModule,
        VisibilityModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [DataSource, Visibility],
          useFactory: (dataSource: DataSource, visibility: Visibility) => ({
            // Depth, cost, alias and directive limits checked before execution; no batched requests.
            ...armour(config),
            path: GRAPHQL_PATH,
            autoSchemaFile: true,
            sortSchema: true,
            playground: false,
            graphiql: false,
            introspection: config.graphql.introspection,
            includeStacktraceInErrorResponses: config.env !== 'production',
            // No cache hints are used: without the cache-control plugin Apollo does not instrument every field.
            plugins: [
              ApolloServerPluginLandingPageDisabled(),
              ApolloServerPluginCacheControlDisabled(),
              ...armour(config).plugins,
            ],
            formatError: formatGraphQLError(config.env === 'production', (e) => graphqlLogger.error(e)),
            // Every type's visibility policy, applied wherever the type is reached (checked complete at start).
            transformSchema: (schema) =>
              visibility.install(installPlainResolvers(installUserFields(schema), PLAIN_RESOLVERS)),
            context: ({ req, res }: { req: TandemRequest; res: GraphQLContext['res'] }): GraphQLContext => {
              const loaders = new Loaders(dataSource);
              return { req, res, loaders, visibility: new VisibilityScope(loaders, () => req.actor) };
            },
          }),
        }),
        SkillsModule,
        OrganisationsModule,
        StaffModule,
        UsersModule,
        ReportsModule,
        CalendarModule,
        AuditModule,
        ImportsModule,
        JobsModule,
        NotificationsModule,
        SolverModule,
        MobilityModule,
        PassportModule,
        ChecksModule,
        RotasModule,
        AbsencesModule,
        JointRolesModule,
        PlacementsModule,
      ],
      controllers: [HealthController, LandingController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
        { provide: APP_PIPE, useClass: InputValidationPipe },
        RateLimitCounters,
      ],
    };
  }
}
