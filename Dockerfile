# syntax=docker/dockerfile:1
# Foresight: one image for every stage (foresight serve ingest|renderer|differ|publisher).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# poms first, so the dependency layer is cached until a pom changes
COPY pom.xml ./
COPY schemas/pom.xml schemas/
COPY kustomize/pom.xml kustomize/
COPY renderer/pom.xml renderer/
COPY differ/pom.xml differ/
COPY publisher/pom.xml publisher/
COPY ingest/pom.xml ingest/
COPY app/pom.xml app/
RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline -DexcludeGroupIds=dev.foresight || true
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package \
    && cp app/target/foresight.jar /foresight.jar

FROM eclipse-temurin:17-jre
ARG KUBECTL_VERSION=v1.32.4
# the renderer's exec engine (fallback and oracle) runs `kubectl kustomize`
RUN set -eux; \
    command -v curl >/dev/null || { apt-get update; apt-get install -y --no-install-recommends curl; rm -rf /var/lib/apt/lists/*; }; \
    arch="$(dpkg --print-architecture)"; \
    curl -fsSLo /usr/local/bin/kubectl "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/${arch}/kubectl"; \
    curl -fsSLo /tmp/kubectl.sha256 "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/${arch}/kubectl.sha256"; \
    echo "$(cat /tmp/kubectl.sha256)  /usr/local/bin/kubectl" | sha256sum -c -; \
    rm /tmp/kubectl.sha256; \
    chmod 0755 /usr/local/bin/kubectl; \
    kubectl version --client; \
    useradd --system --uid 10001 --create-home --home-dir /home/foresight foresight; \
    mkdir -p /data/cache && chown -R foresight /data
COPY --from=build /foresight.jar /app/foresight.jar
# /data/cache is in the image, owned by foresight, so that a named volume mounted there (the
# renderers' shared render cache in docker-compose.yml) starts writable by the foresight user
USER foresight
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/foresight.jar"]
CMD ["--help"]
