package org.carebridge.gateway.security;

import io.micronaut.context.ApplicationContext;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.fhir.ResourceRepository;
import org.carebridge.gateway.fhir.WriteListener;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.gateway.store.StoreSession;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A group's orders told to the listener at once leave the same grants as told one by one. */
class AccessGrantBatchTest {
    static final String TENANT = "kent";

    @Test
    void batchedOrdersGrantWhatOneByOneGrants() throws Exception {
        ApplicationContext ctx = GatewayServer.start().getApplicationContext();
        ResourceStore store = ctx.getBean(ResourceStore.class);
        ResourceRepository repository = ctx.getBean(ResourceRepository.class);
        AccessGrantListener listener = ctx.getBean(AccessGrantListener.class);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Organization org = new Organization();
        org.addIdentifier().setSystem(Canonical.ODS_ORGANIZATION).setValue("B" + run);
        String orgId = store.inTenant(TENANT, s -> repository.create(s, org, null).getId().getIdPart());

        List<String> batched = write(store, listener, run + "-b", orgId, true);
        List<String> single = write(store, listener, run + "-s", orgId, false);
        assertEquals(single, batched);
        assertEquals(4, batched.size(), String.join("\n", batched)); // ended order: closed grant; missing org: ""
    }

    /** The same orders (the first written twice, the second content counting) under ids ending in {@code tag}. */
    private static List<String> write(ResourceStore store, AccessGrantListener listener, String tag, String orgId,
                                      boolean batch) {
        return store.inTenant(TENANT, s -> {
            List<WriteListener.Write> writes = new ArrayList<>();
            ServiceRequest first = order("Patient/p-" + tag, ServiceRequest.ServiceRequestStatus.DRAFT,
                    new Reference("Organization/" + orgId));
            writes.add(new WriteListener.Write("create", "ServiceRequest", "o1-" + tag, first));
            writes.add(new WriteListener.Write("update", "ServiceRequest", "o1-" + tag,
                    order("Patient/p-" + tag, ServiceRequest.ServiceRequestStatus.ACTIVE,
                            new Reference("Organization/" + orgId), new Reference("Organization/missing-" + tag))));
            ServiceRequest ended = order("Patient/q-" + tag, ServiceRequest.ServiceRequestStatus.COMPLETED,
                    new Reference().setIdentifier(new org.hl7.fhir.r4.model.Identifier()
                            .setSystem(Canonical.ODS_ORGANIZATION).setValue("X1")));
            ended.setOccurrence(new Period().setEnd(new Date(0)));
            writes.add(new WriteListener.Write("create", "ServiceRequest", "o2-" + tag, ended));
            writes.add(new WriteListener.Write("create", "ServiceRequest", "o3-" + tag,
                    order("Patient/r-" + tag, ServiceRequest.ServiceRequestStatus.ONHOLD,
                            new Reference("Organization/" + orgId))));
            writes.add(new WriteListener.Write("create", "ServiceRequest", "o4-" + tag,
                    order("Group/g-" + tag, ServiceRequest.ServiceRequestStatus.ACTIVE,
                            new Reference("Organization/" + orgId))));
            if (batch) {
                listener.afterWrites(s, writes);
            } else {
                for (WriteListener.Write w : writes) {
                    listener.afterWrite(s, w.interaction(), w.resourceType(), w.id(), w.resource());
                }
            }
            return grants(s, tag);
        });
    }

    private static ServiceRequest order(String subject, ServiceRequest.ServiceRequestStatus status,
                                        Reference... performers) {
        ServiceRequest sr = new ServiceRequest();
        sr.setSubject(new Reference(subject));
        sr.setStatus(status);
        for (Reference p : performers) sr.addPerformer(p);
        return sr;
    }

    /** The grant rows of the orders under {@code tag}, with the tag taken out so both runs compare. */
    private static List<String> grants(StoreSession s, String tag) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = s.connection().prepareStatement("select order_id, party_id, party_ref, patient_id,"
                + " open, valid_to is null from access_grant where tenant = ? and order_id like ? order by order_id,"
                + " party_ref")) {
            ps.setString(1, s.tenant());
            ps.setString(2, "%-" + tag);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)).replace(tag, "TAG"));
                }
            }
        }
        return out;
    }
}
