#include "core/playback/abr_controller.h"

#include "core/playback/abr_bola.h"
#include "core/playback/abr_framecast.h"
#include "core/playback/abr_hlsjs.h"
#include "core/playback/abr_spec.h"

namespace fc::playback {

std::unique_ptr<AbrController> makeAbrController(std::string_view name) {
    if (name == "framecast")
        return std::make_unique<FramecastAbrController>();
    if (name == "hlsjs")
        return std::make_unique<HlsJsAbrController>();
    if (name == "bola")
        return std::make_unique<BolaAbrController>();
    if (name == "spec")
        return std::make_unique<SpecAbrController>();
    return nullptr;
}

std::vector<std::string> abrControllerNames() {
    return {"framecast", "hlsjs", "bola", "spec"};
}

} // namespace fc::playback
