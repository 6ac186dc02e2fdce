package org.carebridge.benchmarks.scenario;

import ca.uhn.fhir.parser.IParser;
import org.carebridge.benchmarks.gen.BarsMessages;
import org.carebridge.benchmarks.gen.FhirFactory;
import org.carebridge.benchmarks.gen.Hl7Adt;
import org.carebridge.benchmarks.gen.Model;
import org.carebridge.benchmarks.load.CpuMeter;
import org.carebridge.benchmarks.load.FhirHttp;
import org.carebridge.benchmarks.load.LoadRunner;
import org.carebridge.benchmarks.load.MllpClient;
import org.carebridge.benchmarks.load.Result;

import java.net.http.HttpResponse;
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

    @Override
    public Result run(RunContext ctx) throws Exception {
        if (mllp && ctx.mllp() == null) throw new IllegalArgumentException("discharge-mllp: --mllp host:port is required");
        int n = ctx.world().dischargeCount();
        List<Model.Discharge> stays = new ArrayList<>(n);
        List<Model.Person> people = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Model.Discharge d = ctx.world().discharge(i);
            stays.add(d);
            people.add(ctx.world().person(d.personIndex()));
        }
        int users = ctx.concurrencyOr(4);
        FhirHttp http = ctx.http(users);
        MllpClient[] clients = new MllpClient[users];
        IParser[] parsers = new IParser[users];
        for (int u = 0; u < users; u++) {
            parsers[u] = FhirFactory.json();
            if (mllp) clients[u] = new MllpClient(ctx.mllp());
        }
        try {
            CpuMeter[] cpu = new CpuMeter[1];
            LoadRunner.Stats s = LoadRunner.timed(users, ctx.warmupSeconds(), ctx.durationSeconds(), (u, i) -> {
                long k = i * users + u;
                int at = (int) (k % n);
                long round = k / n;
                Model.Discharge d = stays.get(at);
                // A fresh id per round, so a repeat is a new referral, not a retransmission.
                Model.Discharge fresh = new Model.Discharge(d.referralId() + "-" + round, d.personIndex(), d.hospitalOds(),
                        d.ward(), d.admitted(), d.discharged(), d.retransmitted());
                if (mllp) {
                    String code = "AA";
                    for (String event : new String[]{"A01", "A03"}) {
                        String ack = clients[u].send(Hl7Adt.message(fresh, people.get(at), event));
                        if (!"AA".equals(MllpClient.ackCode(ack)) && !"CA".equals(MllpClient.ackCode(ack))) code = MllpClient.ackCode(ack);
                    }
                    return "AA".equals(code) ? "ok" : "ack " + code;
                }
                String body = parsers[u].encodeResourceToString(BarsMessages.referral(fresh, people.get(at), http.base()));
                HttpResponse<byte[]> r = http.postFhir("$process-message", body);
                return r.statusCode() / 100 == 2 ? Integer.toString(r.statusCode()) : FhirHttp.describe(r);
            }, () -> cpu[0] = ctx.cpu());
            Result res = new Result(name()).condition("target", mllp ? ctx.mllp() : http.base() + "/$process-message")
                    .condition("users", users).condition("seconds", ctx.durationSeconds());
            res.load(mllp ? "A01+A03 pair" : "message", s, mllp ? "pairs/s" : "msg/s", "goal: p99 <= 50 ms at 50 msg/s",
                    "goal <= 50 ms");
            if (cpu[0] != null) cpu[0].report(res, "message", s.ok() + s.failed());
            return res;
        } finally {
            for (MllpClient c : clients) if (c != null) c.close();
        }
    }
}
