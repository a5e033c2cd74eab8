// A small HTTP service for the heap snapshot helper's end-to-end test.
// MODE=leak keeps a Session per request in a Map (never removed);
// MODE=healthy keeps the last 200 in a bounded Map.
import http from 'node:http'

class Session {
  constructor(id) {
    this.id = id
    this.roles = ['user']
    this.token = `token-${id}`
    this.history = new Array(400).fill(id) // ~3.2 KiB of heap per session
  }
}
const sessions = new Map()
const leak = process.env.MODE === 'leak'
let n = 0
const server = http.createServer((req, res) => {
  n++
  sessions.set(n, new Session(n))
  if (!leak && sessions.size > 200) sessions.delete(sessions.keys().next().value)
  res.end(JSON.stringify({ ok: true, n }))
})
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }))
