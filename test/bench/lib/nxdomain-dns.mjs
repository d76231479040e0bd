// A diagnostic preload for the worker (not used by default): a DNS responder on loopback inside the
// process that answers every question with NXDOMAIN at once, and node's resolvers pointed at it. It
// shows what the intake does when DNS costs nothing (its DMARC lookups are then all "no record"):
//   BENCH_CRASH_MAILS=0 BENCH_WORKER_NODE_ARGS="--import ./test/bench/lib/nxdomain-dns.mjs" npm run bench:inbound
import dgram from 'node:dgram';
import dns from 'node:dns';

const socket = dgram.createSocket('udp4');
socket.on('message', (question, from) => {
  const answer = Buffer.from(question);
  answer[2] = 0x81 | (question[2] & 0x01); // a response, standard query, recursion desired copied
  answer[3] = 0x83; // recursion available, RCODE 3 (NXDOMAIN)
  answer.writeUInt16BE(0, 6); // no answer, authority or additional records
  answer.writeUInt16BE(0, 8);
  answer.writeUInt16BE(0, 10);
  socket.send(answer, from.port, from.address);
});
await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
socket.unref();
const server = `127.0.0.1:${socket.address().port}`;
dns.setServers([server]);
dns.promises.setServers([server]);
