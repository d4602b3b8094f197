from django.urls import path

from articles import feeds, views
from staff.second_factor import staff_view

app_name = "articles"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("search/suggestions/", views.search_suggestions, name="suggestions"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("topics/<slug:slug>/", views.TopicView.as_view(), name="topic"),
    path("topics/<slug:slug>/feed/", feeds.TopicFeed(), name="topic-feed"),
    path("topics/<slug:slug>/feed/atom/", feeds.TopicAtomFeed(), name="topic-feed-atom"),
    path("preview/<int:pk>/", staff_view(views.StaffPreviewView.as_view()), name="preview"),
    path("preview/shared/<str:token>/", views.SharedPreviewView.as_view(), name="shared-preview"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
