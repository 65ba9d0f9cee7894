package dev.tecko.api;

import dev.tecko.api.http.ApiProblem;
import dev.tecko.api.http.BearerAuth;
import dev.tecko.api.http.JavalinJson;
import dev.tecko.api.http.JsonBody;
import dev.tecko.api.http.ProblemResponses;
import dev.tecko.api.http.RefusedRequestHandler;
import dev.tecko.api.http.RequestIds;
import dev.tecko.api.http.RequestMetrics;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The HTTP server: Javalin with the project's JSON, request ids, the body limit, bearer auth on every matched route but
 * the health checks, problem documents for every failure, request metrics, and the web UI's static files at {@code /}.
 */
public final class ApiServer {
    /** Routes anyone may call: load balancers and orchestrators probe them without a token. */
    public static final Set<String> PUBLIC_ROUTES = Set.of("/api/health", "/health/live", "/health/ready");
    /** Where the web UI's files are on the classpath. */
    static final String WEB_UI = "/web";

    private ApiServer() {
    }

    /** @param routeGroups each registers its routes */
    public static Javalin create(String token, MeterRegistry registry, List<Consumer<RoutesConfig>> routeGroups) {
        var metrics = new RequestMetrics(registry);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJson());
            config.http.maxRequestSize = JsonBody.MAX_BYTES;
            // Jetty's header cache matches values ignoring case by default: on a kept-alive connection a token that
            // differs from the right one only in case would reach BearerAuth as the cached right one
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            config.jetty.modifyServer(server -> server.setErrorHandler(new RefusedRequestHandler()));
            if (ApiServer.class.getResource(WEB_UI) != null) {
                config.staticFiles.add(files -> {
                    files.hostedPath = "/";
                    files.directory = WEB_UI;
                    files.location = Location.CLASSPATH;
                });
            }
            config.routes.before(new RequestIds());
            config.routes.before(JsonBody::checkDeclaredLength);
            // only matched routes and static files; unknown paths never reach this
            config.routes.beforeMatched(new BearerAuth(token, ApiServer::isProtected));
            routeGroups.forEach(group -> group.accept(config.routes));
            config.routes.exception(ApiProblem.class, (e, ctx) -> ProblemResponses.write(ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> ProblemResponses.writeJavalin(ctx, e));
            config.routes.exception(Exception.class, (e, ctx) -> ProblemResponses.writeUnexpected(ctx, e));
            config.routes.error(404, ctx -> {
                if (!ProblemResponses.CONTENT_TYPE.equals(ctx.res().getContentType())) {
                    ProblemResponses.write(ctx, ApiProblem.notFound("nothing at " + ctx.method() + " " + ctx.path()));
                }
            });
            config.requestLogger.http(metrics::record);
        });
    }

    /** Javalin runs before-matched handlers for static files too, with no endpoint: those are the public web UI. */
    private static boolean isProtected(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint != null && !PUBLIC_ROUTES.contains(endpoint.path);
    }
}
