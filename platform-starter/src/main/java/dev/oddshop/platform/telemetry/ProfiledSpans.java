package dev.oddshop.platform.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.pyroscope.javaagent.api.ProfilerApi;
import io.pyroscope.javaagent.api.ProfilerApiHolder;

/**
 * Links profiles to traces, as Grafana's trace-to-profile link expects: a local root span gets
 * {@code pyroscope.profile.id} = its span id, and while it runs the profiler tags the thread's
 * samples with that span id and name. Does nothing unless the Pyroscope agent is attached.
 */
public class ProfiledSpans implements SpanProcessor {

    static final AttributeKey<String> PROFILE_ID = AttributeKey.stringKey("pyroscope.profile.id");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        ProfilerApi profiler = ProfilerApiHolder.INSTANCE.get();
        if (profiler == null || !isLocalRoot(parentContext)) {
            return;
        }
        String spanId = span.getSpanContext().getSpanId();
        span.setAttribute(PROFILE_ID, spanId);
        profiler.setTracingContext(Long.parseUnsignedLong(spanId, 16), profiler.registerConstant(span.getName()));
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        ProfilerApi profiler = ProfilerApiHolder.INSTANCE.get();
        if (profiler != null && span.getAttribute(PROFILE_ID) != null) {
            profiler.setTracingContext(0, 0);
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    private static boolean isLocalRoot(Context parentContext) {
        SpanContext parent = Span.fromContext(parentContext).getSpanContext();
        return !parent.isValid() || parent.isRemote();
    }
}
