# syntax=docker/dockerfile:1
# One Dockerfile for every Spring Boot module: docker-compose.yml passes MODULE and the pinned images.
# Built by BuildKit (the builder of docker compose and of Docker Engine 23+), for the cache mount; the
# line above has it fetch the newest 1.x Dockerfile frontend, an image tag compose does not pin.
ARG JDK_IMAGE
ARG JRE_IMAGE

FROM ${JDK_IMAGE} AS build
ARG MODULE
WORKDIR /src
COPY . .
# Maven and the dependencies are downloaded once into a build cache shared by the six images, not
# again for each. Compose builds them in parallel: the file-lock sync context makes the Maven processes
# take turns on what they share in that repository (Maven Resolver's setting for a shared local repository).
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -q -B -DskipTests -Daether.syncContext.named.factory=file-lock \
      -Daether.syncContext.named.nameMapper=file-gav -pl ${MODULE} -am package \
    && cp ${MODULE}/target/${MODULE}-exec.jar /app.jar
# Spring Boot's layers, each copied below as an image layer of its own: a change to the code leaves the
# dependencies' layer as it was. Without --launcher, application/ holds app.jar, whose manifest puts the
# extracted lib/ on the class path, so the image still starts with java -jar /app/app.jar.
RUN java -Djarmode=tools -jar /app.jar extract --layers --destination /layers

FROM ${JRE_IMAGE}
RUN useradd --system --uid 10002 shop
# attached when JAVA_TOOL_OPTIONS names it (-javaagent:/app/pyroscope-agent.jar) and PYROSCOPE_* is set
COPY --from=build /src/platform-starter/target/agents/pyroscope-agent.jar /app/pyroscope-agent.jar
# in the order of the jar's layers.idx, the least often changed first (spring-boot-loader stays empty
# without --launcher)
COPY --from=build /layers/dependencies/ /app/
COPY --from=build /layers/spring-boot-loader/ /app/
COPY --from=build /layers/snapshot-dependencies/ /app/
COPY --from=build /layers/application/ /app/
USER shop
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
