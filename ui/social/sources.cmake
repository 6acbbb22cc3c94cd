# ui/social sources (comments, ratings, subscribe, notifications); included by ui/CMakeLists.txt.
set(FRAMECAST_UI_SOCIAL_SOURCES
)
