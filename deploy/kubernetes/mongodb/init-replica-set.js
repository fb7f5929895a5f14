// Initiates the replica set rs0 of the members named in MONGODB_MEMBERS (host:port, comma-separated, the first one
// being the member this script is connected to), once: a set already initiated is left as it is. Waits until that
// member is primary and creates the user the student-records extension connects as, once. Run with mongosh as the
// root user; the application user's password is read from the file named by MONGODB_APP_PASSWORD_FILE. Used by
// deploy/container/compose.yaml (service mongo-init) and by the Kubernetes Job mongodb-init.
const fs = require('fs');

const members = process.env.MONGODB_MEMBERS.split(',');
try {
  rs.status();
  print('replica set rs0 already initiated');
} catch (e) {
  if (e.codeName !== 'NotYetInitialized') {
    throw e;
  }
  // The first member is preferred as primary, so that this script, connected to it, can create the user once it is elected.
  rs.initiate({ _id: 'rs0', members: members.map((host, i) => ({ _id: i, host: host, priority: i === 0 ? 2 : 1 })) });
  print('replica set rs0 initiated with ' + members.join(', '));
}

for (let i = 0; i < 120 && !db.hello().isWritablePrimary; i++) {
  sleep(1000);
}
if (!db.hello().isWritablePrimary) {
  throw new Error(members[0] + ' did not become primary within two minutes');
}

const admin = db.getSiblingDB('admin');
const password = fs.readFileSync(process.env.MONGODB_APP_PASSWORD_FILE, 'utf8').trim();
if (admin.getUser('student_records') === null) {
  // Each realm has its own database, student_records_<realm id>, created when the realm is first used: the user
  // reads and writes any database of this replica set (which serves the record store only) and reads change streams.
  admin.createUser({
    user: 'student_records',
    pwd: password,
    roles: [{ role: 'readWriteAnyDatabase', db: 'admin' }],
    writeConcern: { w: 'majority' }
  });
  print('user student_records created');
} else {
  print('user student_records exists');
}
