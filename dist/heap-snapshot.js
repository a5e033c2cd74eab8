// `node --import leak-gate/heap-snapshot app.js`: the bundle lives in dist/heap-snapshot/.
export * from './heap-snapshot/index.js'
