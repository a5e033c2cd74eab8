/**
 * The in-memory form of a V8 heap snapshot (`.heapsnapshot`): the flat
 * arrays V8 writes, kept as typed arrays so a 500 MiB snapshot with tens of
 * millions of nodes fits in about its own size (no object per node).
 * Offsets and type numbers come from the snapshot's own `meta`, as DevTools
 * reads them, so a V8 that adds a node field still loads.
 */

/** The `snapshot.meta` block: field names and the type enums of nodes and edges. */
export interface SnapshotMeta {
  node_fields: string[]
  node_types: unknown[]
  edge_fields: string[]
  edge_types: unknown[]
  location_fields?: string[]
}

/** A fully read snapshot: every node and edge, the strings and the locations. */
export interface HeapGraph {
  /** Display name of the file (relative to the artifact root). */
  file: string
  /** Values per node record (`meta.node_fields.length`, 7 in current V8). */
  nodeFieldCount: number
  nodeTypeOffset: number
  nodeNameOffset: number
  nodeIdOffset: number
  nodeSelfSizeOffset: number
  nodeEdgeCountOffset: number
  /** Node type names by type number (`hidden`, `array`, `string`, `object`, ...). */
  nodeTypes: string[]
  edgeFieldCount: number
  edgeTypeOffset: number
  edgeNameOffset: number
  edgeToNodeOffset: number
  /** Edge type names by type number (`context`, `element`, `property`, `internal`, `hidden`, `shortcut`, `weak`). */
  edgeTypes: string[]
  /** The node records, `nodeCount × nodeFieldCount` values. */
  nodes: Uint32Array
  /** The edge records, `edgeCount × edgeFieldCount` values; `to_node` is a node field index. */
  edges: Uint32Array
  nodeCount: number
  edgeCount: number
  /** Ordinal of the synthetic root (`snapshot.root_index / nodeFieldCount`, 0 by default). */
  rootOrdinal: number
  strings: string[]
  /** Location records `[object_index, script_id, line, column]` (0-based line and column). */
  locations: Uint32Array
  locationFieldCount: number
  /** Bytes read (after decompression). */
  bytes: number
}

/** What the ids-only pass keeps of a snapshot: enough to place ids, not the graph. */
export interface SnapshotIds {
  file: string
  nodeCount: number
  /** Largest node id: objects newer than this snapshot have larger ids (same process). */
  maxId: number
  /**
   * A sample of (id, type number, self size) of up to 4,096 nodes, spread over
   * the snapshot: a later snapshot of the same process holds most of them with
   * the same type, one of another process does not (see `same-process.ts`).
   */
  sample: { ids: Uint32Array; types: Uint8Array; sizes: Uint32Array }
  /** Node type names, to compare the sample's type numbers across snapshots. */
  nodeTypes: string[]
  /** Bytes read before the pass could stop (the nodes come first). */
  bytes: number
}
