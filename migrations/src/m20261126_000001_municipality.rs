//! Italian municipalities (ISTAT), the reference every address, office and radius search joins on.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Municipality {
    Table,
    /// Belfiore code: stable across renames and province reorganisations, so it is the key.
    CadastralCode,
    IstatCode,
    Name,
    ProvinceCode,
    ProvinceName,
    RegionName,
    Latitude,
    Longitude,
    Population,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Municipality::Table)
                    .if_not_exists()
                    .col(char_len(Municipality::CadastralCode, 4).primary_key())
                    .col(char_len(Municipality::IstatCode, 6))
                    .col(string_len(Municipality::Name, 120))
                    .col(string_len(Municipality::ProvinceCode, 3))
                    .col(string_len(Municipality::ProvinceName, 80))
                    .col(string_len(Municipality::RegionName, 60))
                    .col(double(Municipality::Latitude))
                    .col(double(Municipality::Longitude))
                    .col(integer_null(Municipality::Population))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_municipality_name")
                    .table(Municipality::Table)
                    .col(Municipality::Name)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Municipality::Table).to_owned()).await
    }
}
