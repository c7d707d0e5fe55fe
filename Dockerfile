# seqr-backoffice: the same thin jar as `mvn package`, with its lib/ folder, config/ and routes/.

FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /build
COPY pom.xml .
COPY src src
# the cache mount keeps the local repository between builds without putting it in a layer
# no AOT cache here: it holds the paths it was made with, so it is made below where the app runs
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests -Daot.skip package

FROM eclipse-temurin:25-jre
# curl serves the health check in docker-compose.yml
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /app seqr
WORKDIR /app
COPY --from=build /build/target/lib lib
COPY --from=build /build/target/seqr-backoffice.jar seqr-backoffice.jar
COPY config config
COPY routes routes
RUN mkdir data && chown seqr:seqr data
USER seqr
# the JVM's AOT cache of a short demo run, as mvn package makes it: a third off the start (docs/performance.md#start-up)
RUN java @config/jvm.options -XX:AOTCacheOutput=seqr-backoffice.aot -XX:+UnlockDiagnosticVMOptions -XX:-AOTAdapterCaching \
        -jar seqr-backoffice.jar --aot-training
EXPOSE 9876
CMD ["java", "@config/jvm.options", "-XX:AOTCache=seqr-backoffice.aot", "-jar", "seqr-backoffice.jar"]
