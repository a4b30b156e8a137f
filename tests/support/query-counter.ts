import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import type { Database } from "../../db/schema";

/** A view of the database that counts the queries run through it: proof of "one query per page". */
export function countingDb(db: Kysely<Database>) {
  const counter = { count: 0 };
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      return args.node;
    },
    // Counted on results, not on queries built: a subquery compiled into a larger one is no round trip.
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      counter.count += 1;
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), counter };
}
