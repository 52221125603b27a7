import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createApp } from '../app.factory.js';
import { loadConfig } from '../config/config.js';

/** Prints the schema the code generates, sorted, as committed in schema.gql. */
export async function generateSchema(): Promise<string> {
  const config = {
    ...loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: '' }),
    logLevel: 'silent' as const,
  };
  const app = await createApp({
    ...config,
    database: { kind: 'none' },
    graphql: { ...config.graphql, ide: false },
  });
  try {
    return `${printSchema(lexicographicSortSchema(app.get(GraphQLSchemaHost).schema))}\n`;
  } finally {
    await app.close();
  }
}

const file = 'schema.gql';
const sdl = await generateSchema();
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    /* missing file: differs */
  }
  if (committed !== sdl) {
    process.stderr.write(
      `${file} differs from the schema the code generates: run \`npm run schema\` and commit it.\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`${file} is up to date\n`);
} else {
  writeFileSync(file, sdl);
  process.stdout.write(`wrote ${file}\n`);
}
