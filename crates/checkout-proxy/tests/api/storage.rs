//! Browser sessions live in a database, so replicas on one database share them: here two
//! proxies on one SQLite file (scripts/postgres-replicas does the same on a real Postgres).

use crate::support;

use checkout_proxy::config::Secret;
use support::{spawn_app_with, spawn_proxy};

#[tokio::test]
async fn two_replicas_on_one_database_share_the_session() {
    let db =
        std::env::temp_dir().join(format!("checkout-sessions-{}.sqlite", uuid::Uuid::new_v4()));
    let url = format!("sqlite:{}", db.display());
    let mut replica_config = None;
    let app = spawn_app_with(|c| {
        c.database_url = Some(Secret::new(url.clone()));
        replica_config = Some(c.clone());
    })
    .await;
    let other = spawn_proxy(replica_config.unwrap()).await;

    let res = app.check("1 Calle Sol, San Juan").await;
    assert_eq!(res.status(), 200);

    // The same browser (one cookie jar) on the other replica: it knows the session.
    let res = app
        .client
        .get(format!("{other}/api/v1/offers"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    // A browser without the cookie has no session there.
    let res = reqwest::get(format!("{other}/api/v1/offers"))
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}
