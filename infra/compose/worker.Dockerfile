# alexnet worker (and CLI) image, CPU build. Build context: the repository root after
# `mvn -B -DskipTests package`.
#
#   docker build -f infra/compose/worker.Dockerfile -t alexnet-worker .
#   docker run --rm alexnet-worker worker --queues pipelines --temporal HOST:7233 --flink-master HOST:8081
#
# The entrypoint is the project's launcher (./alexnet), so the JVM gets exactly the settings it gives
# on a machine of its own: GLIBC_TUNABLES and OMP_WAIT_POLICY=PASSIVE for the commands that train or
# evaluate (worker among them), -XX:+UseTransparentHugePages where the host kernel's THP mode is
# madvise, and ALEXNET_JAVA_OPTS (e.g. -Xmx8g; unset, the JVM takes a quarter of the container's
# memory limit, or of the host's). ALEXNET_NO_BUILD=1: it runs the jars as built, never Maven.
ARG JRE_IMAGE=eclipse-temurin:17-jre
FROM ${JRE_IMAGE}

RUN set -eux; \
    groupadd --system --gid 10001 alexnet; \
    useradd --system --uid 10001 --gid alexnet --home-dir /home/alexnet --create-home --shell /usr/sbin/nologin alexnet

# The launcher expects the jar at workflows/target/alexnet.jar beside it; the jar's manifest names
# its dependencies as lib/*.jar next to it, which is also what a pipeline stages to Flink.
COPY alexnet /opt/alexnet/alexnet
COPY workflows/target/alexnet.jar /opt/alexnet/workflows/target/alexnet.jar
COPY workflows/target/lib/ /opt/alexnet/workflows/target/lib/
# workflows/target/cds: where the launcher keeps the class-data-sharing archives of prepare and
# evaluate when they run in this container (docker run ... prepare ...).
RUN set -eu; \
    ls /opt/alexnet/workflows/target/lib/nd4j-native-*.jar >/dev/null 2>&1 \
      || { echo "workflows/target/lib has no nd4j-native jar: build the CPU tree (mvn -B -DskipTests package, without -Pcuda)" >&2; exit 1; }; \
    chmod 0755 /opt/alexnet/alexnet; \
    install -d -o alexnet -g alexnet /opt/alexnet/workflows/target/cds

ENV ALEXNET_NO_BUILD=1
USER alexnet
WORKDIR /home/alexnet
ENTRYPOINT ["/opt/alexnet/alexnet"]
CMD ["worker", "--help"]
