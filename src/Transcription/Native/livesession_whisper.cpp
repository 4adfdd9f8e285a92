// The project's plain-argument shim over whisper.cpp 1.9.1 (see ../Whisper/Native.cs).
// C# never sees whisper_full_params or whisper_context_params: the shim fills them from
// defaults plus the few values passed here, so a new whisper.cpp field cannot shift a layout.
// Every entry point that can throw catches C++ exceptions: one must never unwind into .NET
// (it would abort the process), e.g. std::out_of_range from a model with a truncated vocabulary.
#include "whisper.h"

#include <cstdarg>
#include <cstdio>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>

extern "C" {

#if defined(_WIN32)
#define LS_API __declspec(dllexport)
#define LS_THREAD __declspec(thread)
#else
#define LS_API __attribute__((visibility("default")))
#define LS_THREAD thread_local
#endif

typedef void (*ls_log_callback)(int level, const char * text);

static ls_log_callback g_log = NULL;
// The last error whisper.cpp logged on this thread, so a failed call can say why.
static LS_THREAD char g_last_error[1024];

static void ls_on_log(enum ggml_log_level level, const char * text, void * user_data) {
    (void) user_data;
    if (level == GGML_LOG_LEVEL_ERROR && text != NULL) {
        size_t len = strlen(g_last_error);
        if (len + 2 < sizeof g_last_error) {
            strncat(g_last_error, text, sizeof g_last_error - len - 1);
        }
    }
    if (g_log != NULL && text != NULL) g_log((int) level, text);
}

static void ls_clear_error(void) { g_last_error[0] = '\0'; }

static void ls_set_error(const char * fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vsnprintf(g_last_error, sizeof g_last_error, fmt, args);
    va_end(args);
}

LS_API int ls_abi_version(void) { return 2; }

LS_API const char * ls_whisper_version(void) { return whisper_version(); }

LS_API const char * ls_system_info(void) { return whisper_print_system_info(); }

LS_API const char * ls_last_error(void) { return g_last_error; }

// callback may be NULL: whisper.cpp then logs nothing (errors are still kept for ls_last_error).
LS_API void ls_set_log(ls_log_callback callback) {
    g_log = callback;
    whisper_log_set(ls_on_log, NULL);
}

LS_API int ls_lang_id(const char * language) { return whisper_lang_id(language); }

LS_API struct whisper_context * ls_init(const char * model_path, int use_gpu, int flash_attn) {
    ls_clear_error();
    struct whisper_context * ctx = NULL;
    try {
        struct whisper_context_params params = whisper_context_default_params();
        params.use_gpu = use_gpu != 0;
        params.flash_attn = flash_attn != 0;
        ctx = whisper_init_from_file_with_params_no_state(model_path, params);
        if (ctx == NULL) {
            if (g_last_error[0] == '\0') ls_set_error("whisper_init_from_file failed for %s", model_path);
            return NULL;
        }
        // whisper.cpp does not notice a file cut short inside its vocabulary; decoding would then
        // throw on a missing token.
        // whisper.cpp pads a short vocabulary with placeholder tokens named "[_…]"; the last text token
        // being one means the file ended inside its vocabulary.
        const char * last_text = whisper_token_to_str(ctx, whisper_token_eot(ctx) - 1);
        if (last_text == NULL || strncmp(last_text, "[_", 2) == 0) {
            whisper_free(ctx);
            ls_set_error("invalid model file %s: the vocabulary is truncated", model_path);
            return NULL;
        }
        return ctx;
    } catch (const std::exception & e) {
        if (ctx != NULL) whisper_free(ctx);
        ls_set_error("invalid model file %s (truncated or corrupt: %s)", model_path, e.what());
        return NULL;
    }
}

LS_API void ls_free(struct whisper_context * ctx) { whisper_free(ctx); }

LS_API int ls_is_multilingual(struct whisper_context * ctx) { return whisper_is_multilingual(ctx); }

LS_API const char * ls_model_type(struct whisper_context * ctx) { return whisper_model_type_readable(ctx); }

LS_API struct whisper_state * ls_state_new(struct whisper_context * ctx) {
    ls_clear_error();
    return whisper_init_state(ctx);
}

LS_API void ls_state_free(struct whisper_state * state) { whisper_free_state(state); }

static bool ls_abort(void * user_data) {
    const volatile int * flag = static_cast<const volatile int *>(user_data);
    return flag != NULL && *flag != 0;
}

// Forces the end of text once a decoder has produced max_tokens tokens in one window: whisper.cpp's
// own limit is half the text context (224), which a looping or weightless model always reaches.
static void ls_cap_tokens(struct whisper_context * ctx, struct whisper_state * state,
                          const whisper_token_data * tokens, int n_tokens, float * logits, void * user_data) {
    (void) state; (void) tokens;
    const int max_tokens = (int) (intptr_t) user_data;
    if (n_tokens < max_tokens) return;
    const int n_vocab = whisper_n_vocab(ctx);
    const whisper_token eot = whisper_token_eot(ctx);
    for (int i = 0; i < n_vocab; i++) {
        if (i != eot) logits[i] = -INFINITY;
    }
}

// Runs the whole model over 16 kHz mono samples. beam_size <= 1 means greedy decoding;
// audio_ctx 0 means the model's full 30 s context; abort_flag (may be NULL) is polled during
// computation and stops it when it becomes non-zero; max_tokens > 0 caps the tokens decoded per
// 30 s window. Returns 0 on success.
LS_API int ls_full(
        struct whisper_context * ctx, struct whisper_state * state,
        const float * samples, int n_samples,
        const char * language, int n_threads, int translate,
        int no_context, int single_segment, int no_timestamps,
        int audio_ctx, int beam_size, float temperature, float temperature_inc,
        const char * initial_prompt, int suppress_blank, int max_tokens,
        const volatile int * abort_flag) {
    ls_clear_error();
    struct whisper_full_params params = whisper_full_default_params(
        beam_size > 1 ? WHISPER_SAMPLING_BEAM_SEARCH : WHISPER_SAMPLING_GREEDY);
    params.n_threads = n_threads > 0 ? n_threads : params.n_threads;
    params.language = (language != NULL && language[0] != '\0') ? language : "auto";
    params.detect_language = false;
    params.translate = translate != 0;
    params.no_context = no_context != 0;
    params.single_segment = single_segment != 0;
    params.no_timestamps = no_timestamps != 0;
    params.audio_ctx = audio_ctx;
    if (beam_size > 1) params.beam_search.beam_size = beam_size;
    params.temperature = temperature;
    params.temperature_inc = temperature_inc;
    params.initial_prompt = (initial_prompt != NULL && initial_prompt[0] != '\0') ? initial_prompt : NULL;
    params.suppress_blank = suppress_blank != 0;
    params.print_progress = false;
    params.print_realtime = false;
    params.print_special = false;
    params.print_timestamps = false;
    if (max_tokens > 0) {
        params.logits_filter_callback = ls_cap_tokens;
        params.logits_filter_callback_user_data = (void *) (intptr_t) max_tokens;
    }
    params.abort_callback = ls_abort;
    params.abort_callback_user_data = const_cast<int *>(abort_flag);
    int result;
    try {
        result = whisper_full_with_state(ctx, state, params, samples, n_samples);
    } catch (const std::exception & e) {
        ls_set_error("whisper_full failed: %s", e.what());
        return -100;
    }
    if (result != 0 && g_last_error[0] == '\0') ls_set_error("whisper_full failed with code %d", result);
    return result;
}

LS_API int ls_n_segments(struct whisper_state * state) { return whisper_full_n_segments_from_state(state); }

// Segment times are in centiseconds (whisper.cpp's unit), relative to the samples passed to ls_full.
LS_API long long ls_segment_t0(struct whisper_state * state, int i) { return whisper_full_get_segment_t0_from_state(state, i); }

LS_API long long ls_segment_t1(struct whisper_state * state, int i) { return whisper_full_get_segment_t1_from_state(state, i); }

LS_API const char * ls_segment_text(struct whisper_state * state, int i) { return whisper_full_get_segment_text_from_state(state, i); }

LS_API float ls_segment_no_speech_prob(struct whisper_state * state, int i) { return whisper_full_get_segment_no_speech_prob_from_state(state, i); }

LS_API int ls_full_lang_id(struct whisper_state * state) { return whisper_full_lang_id_from_state(state); }

// --- Silero voice activity detection ---

LS_API struct whisper_vad_context * ls_vad_init(const char * model_path, int n_threads) {
    ls_clear_error();
    struct whisper_vad_context_params params = whisper_vad_default_context_params();
    params.n_threads = n_threads > 0 ? n_threads : params.n_threads;
    params.use_gpu = false;
    struct whisper_vad_context * vctx = NULL;
    try {
        vctx = whisper_vad_init_from_file_with_params(model_path, params);
    } catch (const std::exception & e) {
        ls_set_error("invalid VAD model file %s: %s", model_path, e.what());
        return NULL;
    }
    if (vctx == NULL && g_last_error[0] == '\0') ls_set_error("whisper_vad_init_from_file failed for %s", model_path);
    return vctx;
}

LS_API void ls_vad_free(struct whisper_vad_context * vctx) { whisper_vad_free(vctx); }

// Speech spans of the samples; times of the result are in seconds. NULL on failure.
LS_API struct whisper_vad_segments * ls_vad_segments(
        struct whisper_vad_context * vctx, const float * samples, int n_samples,
        float threshold, int min_speech_ms, int min_silence_ms, float max_speech_s, int speech_pad_ms) {
    ls_clear_error();
    struct whisper_vad_params params = whisper_vad_default_params();
    params.threshold = threshold;
    params.min_speech_duration_ms = min_speech_ms;
    params.min_silence_duration_ms = min_silence_ms;
    params.max_speech_duration_s = max_speech_s;
    params.speech_pad_ms = speech_pad_ms;
    struct whisper_vad_segments * segments = NULL;
    try {
        segments = whisper_vad_segments_from_samples(vctx, params, samples, n_samples);
    } catch (const std::exception & e) {
        ls_set_error("voice activity detection failed: %s", e.what());
        return NULL;
    }
    if (segments == NULL && g_last_error[0] == '\0') ls_set_error("whisper_vad_segments_from_samples failed");
    return segments;
}

LS_API int ls_vad_n_segments(struct whisper_vad_segments * s) { return whisper_vad_segments_n_segments(s); }

LS_API float ls_vad_segment_t0(struct whisper_vad_segments * s, int i) { return whisper_vad_segments_get_segment_t0(s, i); }

LS_API float ls_vad_segment_t1(struct whisper_vad_segments * s, int i) { return whisper_vad_segments_get_segment_t1(s, i); }

LS_API void ls_vad_free_segments(struct whisper_vad_segments * s) { whisper_vad_free_segments(s); }

// Speech probability per frame (frames of ls_vad_frame_samples samples) for streaming use.
// Does not reset the recurrent state between calls when keep_state != 0. Returns the number of
// probabilities written to probs (at most capacity), or -1 on failure.
LS_API int ls_vad_probs(struct whisper_vad_context * vctx, const float * samples, int n_samples,
                        int keep_state, float * probs, int capacity) {
    ls_clear_error();
    bool ok = false;
    try {
        ok = keep_state ? whisper_vad_detect_speech_no_reset(vctx, samples, n_samples)
                        : whisper_vad_detect_speech(vctx, samples, n_samples);
    } catch (const std::exception & e) {
        ls_set_error("voice activity detection failed: %s", e.what());
        return -1;
    }
    if (!ok) {
        if (g_last_error[0] == '\0') ls_set_error("whisper_vad_detect_speech failed");
        return -1;
    }
    int n = whisper_vad_n_probs(vctx);
    const float * p = whisper_vad_probs(vctx);
    if (n > capacity) n = capacity;
    memcpy(probs, p, sizeof(float) * (size_t) n);
    return n;
}

}  // extern "C"
