# One Dockerfile for every Spring Boot module: docker-compose.yml passes MODULE and the pinned images.
ARG JDK_IMAGE
ARG JRE_IMAGE

FROM ${JDK_IMAGE} AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests -pl ${MODULE} -am package && cp ${MODULE}/target/${MODULE}-exec.jar /app.jar

FROM ${JRE_IMAGE}
RUN useradd --system --uid 10002 shop
USER shop
COPY --from=build /app.jar /app/app.jar
# attached when JAVA_TOOL_OPTIONS names it (-javaagent:/app/pyroscope-agent.jar) and PYROSCOPE_* is set
COPY --from=build /src/platform-starter/target/agents/pyroscope-agent.jar /app/pyroscope-agent.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
