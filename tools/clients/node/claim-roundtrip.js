'use strict';
// A Confluent client in another language than the services' (docs/schema-registry.md): kafkajs and
// @kafkajs/confluent-schema-registry with their default options. It registers the contract's schemas through the
// registry's Confluent API, publishes a person's identity (identity-events) and a claim (hospital-events), both keyed
// by the exact personId, and reads the claim's settlement back from settlements, decoding it with the same registry
// client. Run by KafkajsClientTest (settlement-service) against the test broker and registry, both services running.
//
//   node claim-roundtrip.js <bootstrap> <ccompat-url> <avro-dir> <personId> <hospitalId> <claimId> <paid-fen> [timeout-ms]
//
// The identity and the claim are Jiangyin's worked example Ex 22 (docs/examples/jiangyin.jsonl, JIANGYIN-1-e1 and
// JIANGYIN-1-c4) under the ids given: a 低保 recipient since 2023-01-01, a 10,000.00 in-city inpatient stay in May 2023.
// Prints one JSON line per step to stdout ({"step":...}; kafkajs logs its own JSON lines too), one per settlement of
// the claim, and last {"step":"paid",...} once the claim's settlements add up to <paid-fen> (a claim read before the
// identity is settled again when it arrives, E1). Exits 1 on any failure or time-out.

const fs = require('fs');
const path = require('path');
const { Kafka } = require('kafkajs');
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');

const [bootstrap, ccompat, avroDir, personId, hospitalId, claimId, paidArg, timeoutArg] = process.argv.slice(2);
if (!paidArg) {
  console.error('usage: node claim-roundtrip.js <bootstrap> <ccompat-url> <avro-dir> <personId> <hospitalId> <claimId> <paid-fen> [timeout-ms]');
  process.exit(2);
}
const expectedFen = Number(paidArg);
const timeoutMs = Number(timeoutArg || 90000);
const say = (step, fields) => console.log(JSON.stringify({ step, ...fields }));

// Avro dates are days since 1970-01-01 (logicalType date on an int)
const days = (iso) => Math.round(Date.parse(iso + 'T00:00:00Z') / 86400000);

async function main() {
  // default options: register() expects BACKWARD on the subject (or none of its own) and sets it on a new subject
  const registry = new SchemaRegistry({ host: ccompat });
  const schema = (name) => ({ type: SchemaType.AVRO, schema: fs.readFileSync(path.join(avroDir, name + '.avsc'), 'utf8') });

  // the contract's subjects (docs/schema-registry.md): <topic>-value, and hospital-events-<record full name> on the
  // topic that carries claims and reversals. This library takes the subject from the caller (without it, it would
  // use <namespace>.<name>, a subject no medassist reader looks at).
  const identitySubject = 'identity-events-value';
  const claimSubject = 'hospital-events-org.medassist.events.Claim';
  const { id: identityId } = await registry.register(schema('IdentityEvent'), { subject: identitySubject });
  const { id: claimId_ } = await registry.register(schema('Claim'), { subject: claimSubject });
  say('registered', { identitySubject, identityId, claimSubject, claimId: claimId_ });

  const identity = {
    eventId: claimId + '-e1', personId, region: 'jiangyin', department: 'civil_affairs',
    identity: 'minimum_living', action: 'grant', effectiveDate: days('2023-01-01'),
    // attributes left to the schema's default (every field null)
  };
  const claim = {
    claimId, personId, region: 'jiangyin', hospitalId, hospitalLevel: 'tertiary', kind: 'inpatient',
    admissionDate: days('2023-05-01'), dischargeDate: days('2023-05-10'), location: 'in_city',
    referred: true, hardship: false, diseaseGroup: null, specialDiseaseRegistered: false,
    // money in fen (docs/contract.md): 10,000.00 within the policy scope, nothing paid by the insurances before
    amounts: { total: 1000000, outOfScope: 0, policyScope: 1000000, basicInsurance: 0, criticalIllness: 0, otherInsurance: 0 },
  };

  // default options: kafkajs 2's default partitioner is the Java client's (murmur2 of the key), so a person's
  // identity and claims land on the partitions the services read them from
  const kafka = new Kafka({ clientId: 'medassist-kafkajs-client', brokers: [bootstrap] });
  const producer = kafka.producer();
  await producer.connect();
  // keys are the exact personId, values the Confluent wire format (magic byte, schema id, Avro); no header is needed
  await producer.send({ topic: 'identity-events', messages: [{ key: personId, value: await registry.encode(identityId, identity) }] });
  await producer.send({ topic: 'hospital-events', messages: [{ key: personId, value: await registry.encode(claimId_, claim) }] });
  await producer.disconnect();
  say('produced', { personId, claimId });

  const consumer = kafka.consumer({ groupId: 'medassist-kafkajs-client-' + claimId }); // reads committed records only
  await consumer.connect();
  await consumer.subscribe({ topic: 'settlements', fromBeginning: true });
  let paid = 0;
  const settlements = [];
  const settled = new Promise((resolve) => {
    consumer.run({
      eachMessage: async ({ message }) => {
        if (!message.key || message.key.toString() !== personId || !message.value) return;
        const s = await registry.decode(message.value); // the writer's schema, by the id on the wire
        if (s.claimId !== claimId || (s.hospitalId != null && s.hospitalId !== hospitalId)) return;
        paid += Number(s.assistance);
        settlements.push(s.settlementId);
        say('settlement', { schemaId: message.value.readInt32BE(1), key: message.key.toString(),
          settlementId: s.settlementId, claimId: s.claimId, personId: s.personId, region: s.region, year: s.year,
          status: s.status, tier: s.tier, assistance: s.assistance, hospitalId: s.hospitalId, reason: s.reason });
        if (paid === expectedFen) resolve();
      },
    });
  });
  const timer = new Promise((_, reject) => setTimeout(() => reject(new Error(
    'the settlements of ' + claimId + ' paid ' + paid + ' fen in ' + timeoutMs + ' ms, not ' + expectedFen)), timeoutMs));
  try {
    await Promise.race([settled, timer]);
    say('paid', { claimId, personId, paid, settlements });
  } finally {
    await consumer.disconnect();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
