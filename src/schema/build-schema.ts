/**
 * Composes the sources into one GraphQL schema. The sources know nothing of each other; the
 * links between them (by personal ID, by unit code) are the resolvers in ./links.
 */
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { type NonEmptyArray, buildSchemaSync } from 'type-graphql';
import { businessResolvers } from '../sources/business/index.js';
import { civilResolvers } from '../sources/civil/index.js';
import { landResolvers } from '../sources/land/index.js';
import { populationResolvers } from '../sources/population/index.js';
import { recordsResolvers } from '../sources/records/index.js';
import { CitizenSourceLinks } from './links/citizen.links.js';
import { BirthLinks, DeathLinks, MarriageLinks } from './links/civil.links.js';
import { BusinessLinks, LandCertificateLinks } from './links/land-business.links.js';
import { ResultLinks } from './links/result.links.js';
import { MeQuery } from './me.resolver.js';
import { AccessLogQueries } from '../audit/access-log.resolver.js';
import { AnalyticsQueries } from '../analytics/analytics.resolver.js';

let built: GraphQLSchema | undefined;

/** The gateway's schema; built once per process (type-graphql metadata is global). */
export function gatewaySchema(): GraphQLSchema {
  built ??= buildSchemaSync({
    resolvers: [
      ...populationResolvers,
      ...recordsResolvers,
      ...civilResolvers,
      ...landResolvers,
      ...businessResolvers,
      ResultLinks,
      CitizenSourceLinks,
      BirthLinks,
      MarriageLinks,
      DeathLinks,
      LandCertificateLinks,
      BusinessLinks,
      MeQuery,
      AccessLogQueries,
      AnalyticsQueries,
    ] as unknown as NonEmptyArray<Function>,
    validate: false,
    emitSchemaFile: false,
  });
  return built;
}
