import type { Migration } from '../../store/database';

/**
 * The Glue Data Catalog. Each record is the Glue API's own JSON shape (see glue-store.ts), so what
 * CreateTable stored is what GetTable answers; names are lower-cased on write, as Glue does.
 */
export const glueMigrations: Migration[] = [
  {
    id: 'glue-0001-catalog',
    sql: `
      CREATE TABLE glue_databases (
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (region, name)
      ) WITHOUT ROWID;
      CREATE TABLE glue_tables (
        region TEXT NOT NULL,
        database_name TEXT NOT NULL,
        name TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (region, database_name, name)
      ) WITHOUT ROWID;
      -- values_key is JSON.stringify(Values): partitions are identified by their values, in key order.
      CREATE TABLE glue_partitions (
        region TEXT NOT NULL,
        database_name TEXT NOT NULL,
        table_name TEXT NOT NULL,
        values_key TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (region, database_name, table_name, values_key)
      ) WITHOUT ROWID;
    `,
  },
];
