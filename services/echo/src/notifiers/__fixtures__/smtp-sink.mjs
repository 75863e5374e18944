// A real SMTP server process for tests: accepts every message on 127.0.0.1:<port> and prints one
// JSON line per message ({from, to, data}) on stdout.
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2]);
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    let data = '';
    stream.on('data', (chunk) => (data += chunk.toString('utf8')));
    stream.on('end', () => {
      const to = session.envelope.rcptTo.map((r) => r.address);
      process.stdout.write(
        `${JSON.stringify({ from: session.envelope.mailFrom && session.envelope.mailFrom.address, to, data })}\n`,
      );
      callback();
    });
  },
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
