package org.carebridge.benchmarks.scenario;

import ca.uhn.fhir.parser.IParser;
import org.carebridge.benchmarks.gen.BarsMessages;
import org.carebridge.benchmarks.gen.FhirFactory;
import org.carebridge.benchmarks.gen.Hl7Adt;
import org.carebridge.benchmarks.gen.Model;
import org.carebridge.benchmarks.load.CpuMeter;
import org.carebridge.benchmarks.load.LatencyRecorder;
import org.carebridge.benchmarks.load.FhirHttp;
import org.carebridge.benchmarks.load.LoadRunner;
import org.carebridge.benchmarks.load.MllpClient;
import org.carebridge.benchmarks.load.Result;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Discharge referrals: BaRS request messages POSTed to {base}/$process-message ({@code discharge-message}), or
 * HL7 v2 ADT A01+A03 pairs over MLLP to --mllp ({@code discharge-mllp}) -> messages/s, p99. The week's discharges
 * are few (about one person in 60), so the list repeats with fresh ids until the measured time is over.
 */
public final class Discharge implements Scenario {
    private final boolean mllp;

    private Discharge(boolean mllp) {
        this.mllp = mllp;
    }

    public static Discharge message() {
        return new Discharge(false);
    }

    public static Discharge overMllp() {
        return new Discharge(true);
    }

    @Override
    public String name() {
        return mllp ? "discharge-mllp" : "discharge-message";
    }

    @Override
    public String describe() {
        return mllp ? "HL7 v2 ADT A01/A03 over MLLP -> messages/s, p99" : "BaRS referrals through $process-message -> messages/s, p99";
    }

    private interface Send {
        /** Stay {@code at} under the referral id of this run and {@code round}. */
        String send(int user, int at, String round) throws Exception;
    }

    /** Stands for the round in a BaRS body encoded once per stay (lower case is itself: the id appears both ways). */
    static final String ROUND = "~round~";

    /** The BaRS message of a stay under this run's ids, with {@link #ROUND} where the round goes. */
    static String template(Model.Discharge d, Model.Person p, String destination, String run, IParser json) {
        return json.encodeResourceToString(BarsMessages.referral(renamed(d, "-" + run + "-" + ROUND), p, destination));
    }

    /** The message of one round: the same bytes as encoding the stay renamed for that round. */
    static String body(String template, String round) {
        return template.replace(ROUND, round);
    }

    /** The same stay under another referral id (and so other MLLP control ids and BaRS request ids). */
    static Model.Discharge renamed(Model.Discharge d, String suffix) {
        return new Model.Discharge(d.referralId() + suffix, d.personIndex(), d.hospitalOds(), d.ward(), d.admitted(),
                d.discharged(), d.retransmitted());
    }

    @Override
    public Result run(RunContext ctx) throws Exception {
        if (mllp && ctx.mllp() == null) throw new IllegalArgumentException("discharge-mllp: --mllp host:port is required");
        List<Model.Discharge> stays = new ArrayList<>();
        List<Model.Person> people = new ArrayList<>();
        for (int i = 0; i < ctx.world().dischargeCount(); i++) {
            Model.Discharge d = ctx.world().discharge(i);
            Model.Person p = ctx.world().person(d.personIndex());
            // Hospitals send the NHS number (BaRS requires it, ADT carries it); the few untraced people are left out.
            if (p.nhsNumber() == null) continue;
            stays.add(d);
            people.add(p);
        }
        int n = stays.size();
        String destination = BarsMessages.tenantEndpoint(ctx.tenant());
        int users = ctx.concurrencyOr(4);
        FhirHttp http = ctx.http(users);
        MllpClient[] clients = new MllpClient[users];
        // Per message of the pair, from its send to its ACK (measured operations only): where the pair's time goes.
        LatencyRecorder[][] split = new LatencyRecorder[2][users];
        for (LatencyRecorder[] r : split) for (int u = 0; u < users; u++) r[u] = new LatencyRecorder();
        java.util.concurrent.atomic.AtomicBoolean measuring = new java.util.concurrent.atomic.AtomicBoolean();
        for (int u = 0; u < users; u++) {
            if (mllp) clients[u] = new MllpClient(ctx.mllp());
        }
        try {
            // Ids unique to this run (a re-run on kept data must not be a retransmission) and to each round.
            String run = Long.toString(System.currentTimeMillis(), 36);
            // Each stay's BaRS message encoded once: per message only the round changes, so the driver's CPU per
            // message is the HTTP exchange, not HAPI encoding (on two cores it competes with the gateway).
            String[] templates = new String[mllp ? 0 : n];
            IParser json = FhirFactory.json();
            for (int i = 0; i < templates.length; i++) templates[i] = template(stays.get(i), people.get(i), destination, run, json);
            Send send = (u, at, round) -> {
                Model.Discharge d = renamed(stays.get(at), "-" + run + "-" + round);
                if (mllp) {
                    Model.Person p = people.get(at);
                    String code = "AA";
                    String[] events = {"A01", "A03"};
                    for (int e = 0; e < 2; e++) {
                        long t0 = System.nanoTime();
                        String ack = clients[u].send(Hl7Adt.message(d, p, events[e]));
                        if (measuring.get()) split[e][u].record(System.nanoTime() - t0);
                        if (!"AA".equals(MllpClient.ackCode(ack)) && !"CA".equals(MllpClient.ackCode(ack))) code = MllpClient.ackCode(ack);
                    }
                    return "AA".equals(code) ? "ok" : "ack " + code;
                }
                String body = body(templates[at], round);
                // BaRS: X-Request-Id names this delivery (a retry repeats it), X-Correlation-Id the conversation.
                String requestId = java.util.UUID.nameUUIDFromBytes(("request|" + d.referralId()).getBytes(StandardCharsets.UTF_8)).toString();
                String correlationId = java.util.UUID.nameUUIDFromBytes(("conversation|" + d.referralId()).getBytes(StandardCharsets.UTF_8)).toString();
                HttpResponse<byte[]> r = http.post("$process-message", "application/fhir+json", body.getBytes(StandardCharsets.UTF_8),
                        null, java.util.Map.of("X-Request-Id", requestId, "X-Correlation-Id", correlationId));
                return r.statusCode() / 100 == 2 ? Integer.toString(r.statusCode()) : FhirHttp.describe(r);
            };
            // One message first, answered before the clock starts: a gateway still warming up (its profile validator
            // is built in the background after start-up) or refusing the messages is found here, said plainly.
            String first = send.send(0, 0, "first");
            if (!LoadRunner.isOk(first)) {
                throw new IllegalStateException(name() + ": the first message was answered " + first);
            }
            CpuMeter[] cpu = new CpuMeter[1];
            LoadRunner.Stats s = ctx.timed(users, (u, i) -> {
                long k = i * users + u;
                int at = (int) (k % n);
                // A fresh id per round, so a repeat is a new referral, not a retransmission.
                return send.send(u, at, Long.toString(k / n));
            }, () -> {
                measuring.set(true);
                cpu[0] = ctx.cpu();
            });
            Result res = new Result(name()).condition("target", mllp ? ctx.mllp() : http.base() + "/$process-message")
                    .condition("users", users).condition("seconds", ctx.durationSeconds())
                    .condition("rate", ctx.rate() > 0 ? ctx.rate() : "closed loop");
            res.load(mllp ? "A01+A03 pair" : "message", s, mllp ? "pairs/s" : "msg/s", "goal: p99 <= 50 ms at 50 msg/s",
                    "goal <= 50 ms");
            if (mllp) {
                for (int e = 0; e < 2; e++) {
                    LatencyRecorder.Snapshot one = LatencyRecorder.merge(java.util.Arrays.asList(split[e]));
                    String ev = e == 0 ? "A01" : "A03";
                    res.row(ev + " send to ACK p50", one.percentileMillis(50), "ms", null);
                    res.row(ev + " send to ACK p99", one.percentileMillis(99), "ms", "goal <= 50 ms per message");
                }
            }
            if (cpu[0] != null) cpu[0].report(res, mllp ? "pair" : "message", s.ok() + s.failed());
            return res;
        } finally {
            for (MllpClient c : clients) if (c != null) c.close();
        }
    }
}
