package eu.microcredentials.registry.auditreport;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.registry.access.OperatorsOnly;
import eu.microcredentials.registry.domain.CredentialSearch;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Audit reports of a credential or an awarding body, for the registry's operators and the auditors they
 * answer to: as JSON, or as a printable HTML document to file.
 */
@Path("/api/v1/registry")
@Tag(name = "Audit")
@OperatorsOnly
public class AuditReportResource {
    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";
    /** The document loads nothing and runs nothing: its only style is inline. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";
    private static final String FORMAT = "`application/json` (the default) or `text/html`: a self-contained printable "
            + "document (inline CSS, no script). Chosen by the Accept header, or by `format` (json or html), which "
            + "overrides it.";

    private final AuditReports reports;

    public AuditReportResource(AuditReports reports) {
        this.reports = reports;
    }

    @GET
    @Path("/credentials/{id}/audit-report")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "Audit report of a credential, as JSON or as a printable document",
            description = "Registry operators only (Authorization: Bearer <operator API key>). When and by which "
                    + "registry instance it was made; the credential's elements as registered; its status now, the "
                    + "latest change's reason and dates, its signed form verified now (every check) and its "
                    + "supersession links; its whole life from the log, oldest recorded first (every event of the "
                    + "credential, of its signing key and of its awarding body's accreditation: type, recorded and "
                    + "effective time, actor, reason, CloudEvents id, source, subject and sequence, Kafka topic, "
                    + "partition and offset, hash and previous hash; null, and \"not recorded\" in the document, "
                    + "where the registry was not told them); its awarding body's accreditation history and signing "
                    + "keys; how current the read models were (each projection's positions and last event time). "
                    + FORMAT)
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CredentialAuditReport.class)),
            @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "format is neither json nor html",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No or another API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The registry holds no credential with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> credential(@PathParam("id") String id,
                                    @Parameter(description = "json or html; overrides the Accept header")
                                    @QueryParam("format") String format,
                                    @Context HttpHeaders headers) {
        RequestFields fields = new RequestFields();
        ReportFormat chosen = fields.read("/query/format", () -> ReportFormat.chosen(format, headers.getAcceptableMediaTypes()));
        fields.throwIfInvalid();
        return reports.credential(id).map(report -> respond(chosen, report, AuditDocuments::credential));
    }

    @GET
    @Path("/awarding-bodies/{id}/audit-report")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "Audit report of an awarding body, as JSON or as a printable document",
            description = "Registry operators only (Authorization: Bearer <operator API key>). When and by which "
                    + "registry instance it was made; the body's profile, accreditation (now and every decision, "
                    + "withdrawals with their reasons) and signing keys; how many of its credentials stand where; "
                    + "every suspension, reinstatement and revocation of its credentials with reason, effective and "
                    + "recorded time and actor, oldest recorded first (the first " + AuditReports.STATUS_CHANGES_SHOWN
                    + ", with the total stated); its credentials one page at a time with their total; how current "
                    + "the read models were. " + FORMAT)
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AwardingBodyAuditReport.class)),
            @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "format, page or size is invalid (each named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No or another API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The registry knows no awarding body with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> awardingBody(@PathParam("id") String id,
                                      @Parameter(description = "json or html; overrides the Accept header")
                                      @QueryParam("format") String format,
                                      @Parameter(description = "Which page of its credentials, from 0")
                                      @QueryParam("page") @DefaultValue("0") int page,
                                      @Parameter(description = "Credentials per page, 1 to " + CredentialSearch.MAX_PAGE_SIZE)
                                      @QueryParam("size") @DefaultValue("100") int size,
                                      @Context HttpHeaders headers) {
        RequestFields fields = new RequestFields();
        ReportFormat chosen = fields.read("/query/format", () -> ReportFormat.chosen(format, headers.getAcceptableMediaTypes()));
        CredentialSearch credentials = fields.read("/query", () -> new CredentialSearch(null, id, null, page, size));
        fields.throwIfInvalid();
        return reports.awardingBody(id, credentials).map(report -> respond(chosen, report, AuditDocuments::awardingBody));
    }

    private static <R> Response respond(ReportFormat format, R report, Function<R, String> document) {
        Response.ResponseBuilder response = format == ReportFormat.HTML
                ? Response.ok(document.apply(report), HTML).header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                : Response.ok(report, MediaType.APPLICATION_JSON);
        return response.header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
    }

    /** JSON or HTML: as asked by {@code format}, else the first of the two the Accept header prefers. */
    enum ReportFormat {
        JSON, HTML;

        static ReportFormat chosen(String format, List<MediaType> acceptable) {
            if (format != null) {
                return switch (format) {
                    case "json" -> JSON;
                    case "html" -> HTML;
                    default -> throw new IllegalArgumentException("format must be json or html; was " + format);
                };
            }
            for (MediaType type : acceptable) {
                if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                    return JSON;
                }
                if (type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                    return HTML;
                }
            }
            return JSON;
        }
    }
}
