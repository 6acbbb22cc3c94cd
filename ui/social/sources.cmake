# ui/social sources (comments, ratings, subscribe, notifications); included by ui/CMakeLists.txt.
set(FRAMECAST_UI_SOCIAL_SOURCES
    social/social_controller.h social/social_controller.cpp
    social/comments_model.h social/comments_model.cpp social/comments_model_live.cpp
    social/comment_row.h social/comment_row.cpp
    social/notifications_model.h social/notifications_model.cpp
    social/share_link.h social/share_link.cpp
    social/social_text.h social/social_text.cpp
)
