# Flink 1.19 JobManager/TaskManager image for the alexnet pipelines. Build context: the repository
# root after `mvn -B -DskipTests package` (the CPU build: the TaskManagers run prepare's decoders and
# evaluate's forward passes on ND4J's CPU backend).
#
#   docker build -f infra/compose/flink.Dockerfile -t alexnet-flink .
#
# It is the official image plus the project's dependency jars in /opt/flink/lib, the same set
# infra/local puts on its TaskManager's classpath: workflows/target/lib minus the project's own jars
# (alexnet-*) and minus Beam's (beam-*, except the vendored beam-vendor-*), which every job stages
# itself because Beam's coders must share the job's class loader. Jobs then upload only those
# (about a dozen jars) instead of the whole 480 MB classpath.
#
# Two differences from infra/local, which builds its classpath from Maven jars alone: the image's
# flink-dist already holds Flink's runtime and web dashboard (infra/local adds flink-runtime-web), and
# its logging is log4j behind SLF4J 1.7, so the project's slf4j-api 2.x and slf4j-simple are left out
# (put before flink-dist on the classpath, slf4j-api 2.x would find no provider and silence Flink's logs).
#
# Keep the tag's Flink version equal to the flink-runtime jar in workflows/target/lib (1.19.0).
ARG FLINK_IMAGE=flink:1.19.0-scala_2.12-java17

FROM ${FLINK_IMAGE} AS jars
COPY workflows/target/lib/ /tmp/lib/
RUN set -eu; \
    ls /tmp/lib/flink-runtime-*.jar >/dev/null 2>&1 \
      || { echo "workflows/target/lib has no flink-runtime jar: run mvn -B -DskipTests package first" >&2; exit 1; }; \
    ls /tmp/lib/nd4j-native-*.jar >/dev/null 2>&1 \
      || { echo "workflows/target/lib has no nd4j-native jar: build the CPU tree (without -Pcuda) for Flink" >&2; exit 1; }; \
    mkdir /tmp/cluster-lib; \
    find /tmp/lib -maxdepth 1 -name '*.jar' ! -name 'alexnet-*' \( ! -name 'beam-*' -o -name 'beam-vendor-*' \) \
      ! -name 'slf4j-*' -exec cp {} /tmp/cluster-lib/ \;

FROM ${FLINK_IMAGE}
USER root
# curl for the compose healthcheck (the JPEG decoders come in the jars).
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends curl; \
    rm -rf /var/lib/apt/lists/*
COPY --from=jars --chown=flink:flink /tmp/cluster-lib/ /opt/flink/lib/
# Java 17 needs Flink's --add-exports/--add-opens list (env.java.opts.all), which the image's
# conf/config.yaml carries (flink-conf.yaml in older layouts); FLINK_PROPERTIES cannot set it (its
# values lose their spaces). Fail the build rather than start JVMs without it.
RUN grep -qs -e '--add-opens=java.base/java.util=ALL-UNNAMED' /opt/flink/conf/config.yaml /opt/flink/conf/flink-conf.yaml \
    || { echo "the image's Flink configuration lacks env.java.opts.all with the Java 17 --add-opens list" >&2; exit 1; }
# The entrypoint (docker-entrypoint.sh, kept from the base image) starts as root, merges
# FLINK_PROPERTIES into conf/config.yaml and drops to the flink user (uid 9999) before starting Flink.
