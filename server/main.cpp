// framecastd: wires configuration, storage, the job queue and the network together, then serves.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "core/util/log.h"
#include "server/api/routes.h"
#include "server/auth/url_signer.h"
#include "server/config/server_config.h"
#include "server/discovery/recommendation_service.h"
#include "server/discovery/search_functions.h"
#include "server/discovery/search_service.h"
#include "server/discovery/trending_service.h"
#include "server/http/mapped_file.h"
#include "server/http/metrics.h"
#include "server/http/pipeline.h"
#include "server/http/rate_limiter.h"
#include "server/jobs/job_queue.h"
#include "server/jobs/pipeline_steps.h"
#include "server/maintenance.h"
#include "server/net/http_server.h"
#include "server/realtime/hub.h"
#include "server/store/database.h"
#include "server/store/migrations.h"

extern char** environ;

namespace {

int fail(const std::string& message) {
    std::fprintf(stderr, "framecastd: %s\n", message.c_str());
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    using namespace fc;
    using namespace fc::server;

    std::vector<std::string> args(argv, argv + argc);
    std::vector<std::string> environment;
    for (char** entry = environ; *entry; ++entry)
        environment.emplace_back(*entry);
    auto loaded = loadServerConfig(args, environment);
    if (!loaded)
        return fail(loaded.error().message);
    if (loaded->show_help) {
        std::fputs(serverHelpText().c_str(), stdout);
        return 0;
    }
    ServerConfig startup = loaded->config;
    if (auto level = parseLogLevel(startup.log_level))
        setLogLevel(*level);
    else
        return fail("--log-level must be debug, info, warn or error");

    std::error_code ec;
    for (const std::string& dir : {startup.data_dir, startup.uploads_dir, startup.media_dir}) {
        std::filesystem::create_directories(dir, ec);
        if (ec)
            return fail("cannot create " + dir + ": " + ec.message());
    }
    if (startup.url_signing_secret.empty()) {
        auto secret = auth::loadOrCreateSigningSecret(startup.data_dir);
        if (!secret)
            return fail(secret.error().message);
        startup.url_signing_secret = std::move(secret).value();
    }
    const ServerConfig config = std::move(startup);

    discovery::registerSearchFunctions(); // on every connection the database opens
    auto database = store::Database::open(config.database_path, config.worker_threads);
    if (!database)
        return fail(database.error().message);
    if (auto migrated = store::applyMigrations(**database); !migrated)
        return fail(migrated.error().message);

    RateLimiter rateLimiter(config.rate_limits);
    Metrics metrics;
    realtime::Hub hub;
    jobs::JobQueue jobQueue(**database, config.job_workers);
    // Mappings are address space, not memory: the bound only limits how long removed files stay mapped.
    MappedFileCache mappedFiles(256, uint64_t{2} << 30);
    discovery::SearchService search(config, **database);
    discovery::TrendingService trending(config, **database);
    discovery::RecommendationService recommendations(config, **database);
    ServerContext context{config,   **database,  rateLimiter, metrics,  hub,
                          jobQueue, mappedFiles, search,      trending, recommendations};

    jobs::registerPipelineSteps(jobQueue, context);
    metrics.addGaugeSource("framecast_jobs", "Jobs by state.", "state",
                           [&] { return jobQueue.countsByState(); });

    Router router;
    api::registerRoutes(router, context);
    Pipeline pipeline(context, router);
    net::HttpServer httpServer(context, pipeline);
    auto port = httpServer.listen(config.listen_host, config.listen_port);
    if (!port)
        return fail(port.error().message);

    jobQueue.start();
    Maintenance maintenance(context);
    maintenance.start();
    search.start();
    trending.start();
    recommendations.start();

    const std::string host = config.listen_host.find(':') != std::string::npos
                                 ? "[" + config.listen_host + "]"
                                 : config.listen_host;
    // Tests and the desktop app read this line to learn the port (with --listen HOST:0).
    std::printf("framecastd listening on http://%s:%u\n", host.c_str(), static_cast<unsigned>(*port));
    std::fflush(stdout);
    logInfo("framecastd: data in " + config.data_dir +
            (config.config_file.empty() ? "" : ", config " + config.config_file));

    httpServer.run();

    recommendations.stop();
    trending.stop();
    search.stop();
    maintenance.stop();
    jobQueue.stop();
    logInfo("framecastd: stopped");
    return 0;
}
