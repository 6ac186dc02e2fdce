package org.carebridge.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Resource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The response fast path: a read or a search whose resources may be sent as stored ({@link StoredJson#sendable})
 * is written from the stored JSON text — the searchset Bundle's frame (id, links, totals, fullUrl, search mode)
 * as HAPI built it, the resources as they are in the database — instead of being encoded again. Runs after every
 * other outgoing-response hook (security filtering and redaction, audit), so it sends exactly what they left; any
 * request asking for a different rendering (XML, {@code _elements}, {@code _summary}, pretty printing) or any
 * resource that was changed is encoded by HAPI as before.
 */
@Interceptor
public class StoredJsonResponder {
    /** After security (0) and audit (100) and anything else registered at ordinary orders. */
    public static final int ORDER = 10_000;
    private static final Set<String> RENDERING_PARAMS = Set.of(Constants.PARAM_ELEMENTS, Constants.PARAM_SUMMARY,
            Constants.PARAM_PRETTY, Constants.PARAM_NARRATIVE, "_elements:exclude");

    /**
     * The Last-Modified format HAPI writes (its {@code DateUtils.formatDate}: RFC 1123, {@code EEE, dd MMM yyyy
     * HH:mm:ss zzz} in GMT, US English), without its per-thread SimpleDateFormat lookup (3 % of a read).
     */
    private static final java.time.format.DateTimeFormatter HTTP_DATE = java.time.format.DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US).withZone(java.time.ZoneOffset.UTC);

    static String httpDate(java.util.Date d) {
        return HTTP_DATE.format(d.toInstant());
    }

    private final FhirContext ctx;

    public StoredJsonResponder(FhirContext ctx) {
        this.ctx = ctx;
    }

    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = ORDER)
    public boolean outgoing(RequestDetails rd, ResponseDetails response) throws IOException {
        IBaseResource body = response.getResponseResource();
        if (!send(rd, response, body)) {
            StoredJson.contentOf(body); // HAPI encodes it: hollow resources get their content first
            return true;
        }
        return false; // written: HAPI must not encode it again
    }

    /** Whether this request's resources will be sent as stored (a read or search in plain compact JSON). */
    static boolean sendsStored(RequestDetails rd) {
        RestOperationTypeEnum op = rd.getRestOperationType();
        return (op == RestOperationTypeEnum.READ || op == RestOperationTypeEnum.VREAD || op == RestOperationTypeEnum.SEARCH_TYPE)
                && plainJson(rd) != null;
    }

    /** Writes the response from stored JSON if it can; false when HAPI must encode it. */
    private boolean send(RequestDetails rd, ResponseDetails response, IBaseResource body) throws IOException {
        RestOperationTypeEnum op = rd.getRestOperationType();
        if (body == null || response.getResponseCode() != 200 || op == null) return false;
        String contentType = plainJson(rd);
        if (contentType == null) return false;
        String text;
        if (op == RestOperationTypeEnum.SEARCH_TYPE && body instanceof Bundle b) {
            text = searchset(b);
        } else if ((op == RestOperationTypeEnum.READ || op == RestOperationTypeEnum.VREAD) && body instanceof Resource r) {
            text = StoredJson.sendable(r);
            if (text != null) {
                if (r.getIdElement().hasVersionIdPart()) {
                    rd.getResponse().addHeader(Constants.HEADER_ETAG, "W/\"" + r.getIdElement().getVersionIdPart() + '"');
                }
                if (r.getMeta().getLastUpdated() != null) {
                    rd.getResponse().addHeader(Constants.HEADER_LAST_MODIFIED, httpDate(r.getMeta().getLastUpdated()));
                }
            }
        } else if (op == RestOperationTypeEnum.TRANSACTION && body instanceof Bundle b) {
            text = transactionResponse(b);
            if (text != null && b.hasId()) {
                // The headers HAPI adds to a returned resource that has an id (here its made-up Bundle id).
                String location = rd.getFhirServerBase() + "/Bundle/" + b.getIdElement().getIdPart();
                rd.getResponse().addHeader(Constants.HEADER_CONTENT_LOCATION, location);
                rd.getResponse().addHeader(Constants.HEADER_LOCATION, location);
            }
        } else {
            return false;
        }
        if (text == null) return false;
        if (rd instanceof ServletRequestDetails srd && !rd.isRespondGzip()) {
            // The bytes at once: Jetty's UTF-8 Writer encodes char by char (a quarter of a search's CPU here).
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            OutputStream out = rd.getResponse().getResponseOutputStream(200, contentType, bytes.length);
            srd.getServletResponse().setCharacterEncoding(Constants.CHARSET_NAME_UTF8);
            out.write(bytes);
            rd.getResponse().commitResponse(out);
            return true;
        }
        Writer w = rd.getResponse().getResponseWriter(200, contentType, Constants.CHARSET_NAME_UTF8, rd.isRespondGzip());
        w.write(text);
        rd.getResponse().commitResponse(w);
        return true;
    }

    /** Request user data: the answer of {@link #plainJson} (asked by the provider and again here), or {@link #NOT_PLAIN}. */
    private static final String PLAIN_JSON_KEY = StoredJsonResponder.class.getName() + ".plainJson";
    private static final String NOT_PLAIN = "";

    /**
     * The JSON content type to answer with, or null when the request wants anything but compact JSON. Worked out
     * once per request (the Accept negotiation is not free, and a search asks for each type of its answer): nothing
     * it depends on (the request's parameters and headers, the server's defaults) changes while a request runs.
     */
    private static String plainJson(RequestDetails rd) {
        Object known = rd.getUserData().get(PLAIN_JSON_KEY);
        if (known instanceof String s) return s.equals(NOT_PLAIN) ? null : s;
        String type = negotiatePlainJson(rd);
        rd.getUserData().put(PLAIN_JSON_KEY, type == null ? NOT_PLAIN : type);
        return type;
    }

    private static String negotiatePlainJson(RequestDetails rd) {
        Map<String, String[]> params = rd.getParameters();
        for (String p : RENDERING_PARAMS) {
            if (params.containsKey(p)) return null;
        }
        String accept = rd.getHeader(Constants.HEADER_ACCEPT);
        if (accept != null && accept.contains("text/html")) return null; // browsers get HAPI's rendering
        RestfulServerUtils.ResponseEncoding enc = RestfulServerUtils.determineResponseEncodingNoDefault(rd,
                rd.getServer().getDefaultResponseEncoding());
        if (enc == null) enc = new RestfulServerUtils.ResponseEncoding(rd.getServer().getFhirContext(), rd.getServer().getDefaultResponseEncoding(), null);
        if (enc.getEncoding() != EncodingEnum.JSON || rd.getServer().isDefaultPrettyPrint()) return null;
        return enc.getResourceContentType();
    }

    /** The Bundle as JSON with stored entries spliced in, or null when its shape is more than this writes. */
    private String searchset(Bundle b) {
        if (b.getType() != Bundle.BundleType.SEARCHSET || b.hasIdentifier() || b.hasTimestamp() || b.hasSignature()
                || b.hasImplicitRules() || b.hasLanguage() || !plainMeta(b.getMeta())) {
            return null;
        }
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            if (e.getResource() == null || e.hasRequest() || e.hasResponse() || e.hasLink() || e.hasExtension()
                    || e.hasModifierExtension() || e.hasId()
                    || (e.hasSearch() && (e.getSearch().hasScore() || e.getSearch().hasExtension() || e.getSearch().hasId()))) {
                return null;
            }
        }
        StringBuilder sb = new StringBuilder(256 + b.getEntry().size() * 700);
        sb.append("{\"resourceType\":\"Bundle\"");
        if (b.getIdElement().hasIdPart()) field(sb.append(','), "id", b.getIdElement().getIdPart());
        if (b.getMeta().hasLastUpdated()) {
            field(sb.append(",\"meta\":{"), "lastUpdated", b.getMeta().getLastUpdatedElement().getValueAsString()).append('}');
        }
        field(sb.append(','), "type", "searchset");
        if (b.hasTotal()) sb.append(",\"total\":").append(b.getTotal());
        if (b.hasLink()) {
            sb.append(",\"link\":[");
            for (int i = 0; i < b.getLink().size(); i++) {
                Bundle.BundleLinkComponent l = b.getLink().get(i);
                if (i > 0) sb.append(',');
                sb.append('{');
                field(sb, "relation", l.getRelation());
                field(sb.append(','), "url", l.getUrl()).append('}');
            }
            sb.append(']');
        }
        if (b.hasEntry()) {
            IParser parser = null;
            sb.append(",\"entry\":[");
            for (int i = 0; i < b.getEntry().size(); i++) {
                Bundle.BundleEntryComponent e = b.getEntry().get(i);
                if (i > 0) sb.append(',');
                sb.append('{');
                if (e.hasFullUrl()) field(sb, "fullUrl", e.getFullUrl()).append(',');
                String stored = StoredJson.sendable(e.getResource());
                if (stored == null) {
                    if (parser == null) parser = ctx.newJsonParser().setPrettyPrint(false);
                    stored = parser.encodeResourceToString(StoredJson.content(e.getResource()));
                }
                sb.append("\"resource\":").append(stored);
                if (e.hasSearch() && e.getSearch().hasMode()) {
                    field(sb.append(",\"search\":{"), "mode", e.getSearch().getMode().toCode()).append('}');
                }
                sb.append('}');
            }
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    /**
     * A transaction or batch response whose entries carry only their outcome lines (status, location, etag,
     * lastModified) — with the id and self link HAPI gives it — as HAPI's compact encoder writes it: HAPI's encoding
     * of these small Bundles was 11 % of the gateway's CPU in a Bundle ingest. Null for anything more (an entry's
     * resource or OperationOutcome, other links, extensions): HAPI encodes those.
     */
    static String transactionResponse(Bundle b) {
        Bundle.BundleType type = b.getType();
        if ((type != Bundle.BundleType.TRANSACTIONRESPONSE && type != Bundle.BundleType.BATCHRESPONSE)
                || b.hasId() && (b.getIdElement().hasVersionIdPart() || b.getIdElement().hasBaseUrl()
                        || b.getIdElement().hasResourceType())
                || !b.getMeta().isEmpty() || b.hasImplicitRules() || b.hasLanguage() || b.hasIdentifier()
                || b.hasTimestamp() || b.hasTotal() || b.hasSignature() || b.getLink().size() > 1) {
            return null;
        }
        for (Bundle.BundleLinkComponent l : b.getLink()) {
            if (!"self".equals(l.getRelation()) || !l.hasUrl() || l.hasExtension() || l.hasModifierExtension() || l.hasId()) return null;
        }
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            if (!e.hasResponse() || e.getResource() != null || e.hasRequest() || e.hasSearch() || e.hasFullUrl() || e.hasLink()
                    || e.hasExtension() || e.hasModifierExtension() || e.hasId()) {
                return null;
            }
            Bundle.BundleEntryResponseComponent r = e.getResponse();
            if (r.getOutcome() != null || r.hasExtension() || r.hasModifierExtension() || r.hasId() || !r.hasStatus()) return null;
        }
        StringBuilder sb = new StringBuilder(128 + b.getEntry().size() * 160);
        sb.append("{\"resourceType\":\"Bundle\",");
        if (b.hasId()) field(sb, "id", b.getIdElement().getIdPart()).append(',');
        field(sb, "type", type.toCode());
        if (b.hasLink()) field(field(sb.append(",\"link\":[{"), "relation", "self").append(','), "url", b.getLinkFirstRep().getUrl()).append("}]");
        if (b.hasEntry()) {
            sb.append(",\"entry\":[");
            for (int i = 0; i < b.getEntry().size(); i++) {
                Bundle.BundleEntryResponseComponent r = b.getEntry().get(i).getResponse();
                if (i > 0) sb.append(',');
                field(sb.append("{\"response\":{"), "status", r.getStatus());
                if (r.hasLocation()) field(sb.append(','), "location", r.getLocation());
                if (r.hasEtag()) field(sb.append(','), "etag", r.getEtag());
                if (r.hasLastModified()) field(sb.append(','), "lastModified", r.getLastModifiedElement().getValueAsString());
                sb.append("}}");
            }
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    private static boolean plainMeta(Meta m) {
        return !(m.hasVersionId() || m.hasProfile() || m.hasSecurity() || m.hasTag() || m.hasSource()
                || m.hasExtension() || m.hasId());
    }

    private static StringBuilder field(StringBuilder sb, String name, String value) {
        sb.append('"').append(name).append("\":\"");
        JsonStringEncoder.getInstance().quoteAsString(value, sb);
        return sb.append('"');
    }
}
