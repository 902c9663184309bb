# alexnet training worker for NVIDIA GPUs. Build context: the root of a tree built with
# `mvn -B -Pcuda -DskipTests package` (ND4J's CUDA backend nd4j-cuda-11.6 1.0.0-M2.1 with its
# linux-x86_64-cudnn natives instead of the CPU backend; the root pom.xml pins them). Use a separate
# checkout or worktree for it: the CPU images need the default build's workflows/target/lib.
#
#   docker build -f infra/compose/gpu-worker.Dockerfile -t alexnet-worker-gpu .
#   docker run --rm --gpus device=0 -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY alexnet-worker-gpu \
#       worker --queues training --temporal HOST:7233
#
# GPUs: ND4J 1.0.0-M2.1's CUDA kernels are machine code for sm_37..sm_86 with no PTX, so it runs on
# Kepler to Ampere (A100 = sm_80, A10 / RTX 30xx = sm_86) and NOT on Ada (sm_89, L4, L40, RTX 40xx)
# or Hopper (sm_90, H100, H200): there it fails at the first kernel launch. Host: an NVIDIA driver
# that supports CUDA 11.6 and the NVIDIA Container Toolkit.
#
# CUDA and cuDNN come from the base image (the build has no cuda-platform-redist jars): CUDA 11.6 as
# nd4j-cuda-11.6 and JavaCPP's cuda 11.6-8.3-1.5.7 presets are built for, and cuDNN 8, which the
# -cudnn natives load (JavaCPP picks them over the plain build when both are on the classpath).
ARG CUDA_IMAGE=nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04
ARG JRE_IMAGE=eclipse-temurin:17-jre

FROM ${JRE_IMAGE} AS jre

FROM ${CUDA_IMAGE}
# A Java 17 runtime: Temurin's, copied from its image (a glibc build that runs on Ubuntu 20.04).
ENV JAVA_HOME=/opt/java/openjdk
ENV PATH=${JAVA_HOME}/bin:${PATH}
COPY --from=jre /opt/java/openjdk ${JAVA_HOME}
# libgomp1: the OpenMP runtime JavaCPP preloads for libnd4jcuda.
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libgomp1 ca-certificates; \
    rm -rf /var/lib/apt/lists/*; \
    java -version

RUN set -eux; \
    groupadd --system --gid 10001 alexnet; \
    useradd --system --uid 10001 --gid alexnet --home-dir /home/alexnet --create-home --shell /usr/sbin/nologin alexnet; \
    install -d -o alexnet -g alexnet /home/alexnet/.javacpp

COPY alexnet /opt/alexnet/alexnet
COPY workflows/target/alexnet.jar /opt/alexnet/workflows/target/alexnet.jar
COPY workflows/target/lib/ /opt/alexnet/workflows/target/lib/
RUN set -eu; \
    ls /opt/alexnet/workflows/target/lib/nd4j-cuda-11.6-*-linux-x86_64-cudnn.jar >/dev/null 2>&1 \
      || { echo "workflows/target/lib has no nd4j-cuda-11.6 cudnn jar: build this tree with mvn -B -Pcuda -DskipTests package" >&2; exit 1; }; \
    chmod 0755 /opt/alexnet/alexnet; \
    install -d -o alexnet -g alexnet /opt/alexnet/workflows/target/cds

# The launcher sets GLIBC_TUNABLES and OMP_WAIT_POLICY for `worker` as on a CPU machine (they govern
# host-side allocations and threads here); ALEXNET_JAVA_OPTS adds JVM options (heap: -Xmx...).
ENV ALEXNET_NO_BUILD=1
USER alexnet
WORKDIR /home/alexnet
ENTRYPOINT ["/opt/alexnet/alexnet"]
CMD ["worker", "--queues", "training", "--trainings", "1"]
